package io.berth.engine.runtime;

/**
 * The outcome of a finished command.
 *
 * @param exitCode its exit status
 * @param stdout what it wrote to stdout (UTF-8)
 * @param stderr what it wrote to stderr (UTF-8)
 */
public record CommandResult(int exitCode, String stdout, String stderr) {
    /** @return true if the exit status is 0 */
    public boolean ok() {
        return exitCode == 0;
    }
}
