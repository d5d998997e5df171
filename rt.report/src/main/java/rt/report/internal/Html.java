package rt.report.internal;

/** HTML text helpers. */
final class Html {

    private Html() {
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(ch);
            }
        }
        return b.toString();
    }

    /** JSON text made safe to embed in a {@code <script>} element. */
    static String scriptSafe(String json) {
        return json.replace("</", "<\\/").replace("<!--", "<\\!--").replace("\u2028", "\\u2028")
                .replace("\u2029", "\\u2029");
    }

    /** CSS class for a status word (PASS, WARNING, FAIL, ok, failed, …). */
    static String statusClass(String status) {
        if (status == null) {
            return "na";
        }
        return switch (status.toUpperCase(java.util.Locale.ROOT)) {
            case "PASS", "OK" -> "ok";
            case "WARNING", "SKIPPED" -> "warn";
            case "FAIL", "FAILED" -> "fail";
            default -> "na";
        };
    }

    static final String BASE_CSS = """
            body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:1.5em;color:#222;background:#fff}
            h1{font-size:1.5em}h2{font-size:1.2em;border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:1.6em}
            table{border-collapse:collapse;font-size:.85em;margin:.5em 0}
            th,td{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top}
            th{background:#f0f0f0;position:sticky;top:0}
            td.num{text-align:right;font-variant-numeric:tabular-nums}
            .ok{background:#d8f5d8}.warn{background:#fff1c2}.fail{background:#ffd0d0}.na{background:#eee;color:#666}
            .muted{color:#666}.scroll{max-height:32em;overflow:auto}
            """;
}
