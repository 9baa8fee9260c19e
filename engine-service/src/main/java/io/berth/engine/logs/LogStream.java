package io.berth.engine.logs;

/** The output stream a log entry came from, with the names json-file and k8s-file logs use. */
public enum LogStream {
    /** The container's standard output ("stdout"). */
    STDOUT("stdout"),
    /** The container's standard error ("stderr"). */
    STDERR("stderr");

    private final String wireName;

    LogStream(String wireName) {
        this.wireName = wireName;
    }

    /** @return "stdout" or "stderr" */
    public String wireName() {
        return wireName;
    }

    /**
     * @param name "stdout" or "stderr"
     * @return the stream
     * @throws IllegalArgumentException for any other name
     */
    public static LogStream fromWireName(String name) {
        for (LogStream s : values()) {
            if (s.wireName.equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown log stream: " + name);
    }
}
