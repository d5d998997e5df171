package rt.qc.internal;

/** A check's verdict. {@link #NOT_RUN} (input absent) does not count towards the overall verdict. */
enum Status {
    NOT_RUN, PASS, WARNING, FAIL;

    /** The worse of two verdicts (FAIL &gt; WARNING &gt; PASS &gt; NOT_RUN). */
    Status worst(Status other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
