package io.berth.engine.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExecEnvTest {
    @Test
    void defaultsThenContainerThenExec_replacingByKey() {
        List<String> env = ExecEnv.of("h1", List.of("PATH=/bin", "A=1", "B=2"), false, List.of("B=3", "C=4"));
        assertEquals(List.of("PATH=/bin", "HOSTNAME=h1", "A=1", "B=3", "C=4"), env);
    }

    @Test
    void tty_addsTermXterm_andAnExecEntryWithoutValueRemovesTheVariable() {
        List<String> env = ExecEnv.of("h", List.of(), true, List.of("HOSTNAME"));
        assertEquals(List.of(ExecEnv.DEFAULT_PATH, "TERM=xterm"), env);
    }
}
