package rt.api;

public enum LogLevel {
    DEBUG,
    INFO,
    WARN,
    ERROR
}
