package io.berth.engine.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.berth.common.errors.InvalidArgumentException;
import java.util.List;
import org.junit.jupiter.api.Test;

class PsOutputTest {
    @Test
    void parse_keepsTheContainersRows_joinsTheCommand() {
        String ps = "UID          PID    PPID  C STIME TTY          TIME CMD\n"
                + "root           1       0  0 10:00 ?        00:00:01 /sbin/init\n"
                + "root        4242    4200  0 10:01 ?        00:00:00 sleep 1000 now\n";
        PsOutput out = PsOutput.parse(ps, List.of(4242));
        assertEquals(List.of("UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD"), out.titles());
        assertEquals(List.of(List.of("root", "4242", "4200", "0", "10:01", "?", "00:00:00", "sleep 1000 now")),
                out.processes());
    }

    @Test
    void parse_threadRowsFollowTheirProcess_noPidColumnIsAnError() {
        String ps = "PID TID CMD\n7 - a\n- 8 t1\n9 - b\n- 10 t2\n";
        assertEquals(List.of(List.of("7", "-", "a"), List.of("-", "8", "t1")),
                PsOutput.parse(ps, List.of(7)).processes());
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> PsOutput.parse("UID CMD\n", List.of(1)));
        assertEquals("Couldn't find PID field in ps output", e.getMessage());
    }

    @Test
    void arguments_defaultSplitAndPidRenameRefused() {
        assertEquals(List.of("-ef"), PsOutput.arguments(""));
        assertEquals(List.of("-o", "pid,comm"), PsOutput.arguments("-o pid,comm"));
        assertEquals("-q1,2", PsOutput.pidsArgument(List.of(1, 2)));
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> PsOutput.arguments("-o uid= PID"));
        assertEquals("specifying \"uid=PID\" is not allowed", e.getMessage());
    }
}
