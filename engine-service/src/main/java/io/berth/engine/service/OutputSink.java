package io.berth.engine.service;

import io.berth.engine.logs.LogSubscriber;

/** Where attach output goes: first {@link #attached()}, then entries, then {@code onEnd()}. */
public interface OutputSink extends LogSubscriber {
    /** Output capture is registered: output produced from now on will be delivered. */
    void attached();
}
