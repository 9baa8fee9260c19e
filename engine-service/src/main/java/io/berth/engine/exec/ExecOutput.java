package io.berth.engine.exec;

import io.berth.engine.logs.LogStream;

/** Receives an attached exec's output, in order, from one thread. */
public interface ExecOutput {
    /**
     * @param stream stdout or stderr (a TTY's output is all stdout)
     * @param data the bytes of one chunk conmon read
     */
    void onData(LogStream stream, byte[] data);
}
