package io.berth.engine.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import io.berth.common.errors.ConflictException;
import io.berth.common.errors.InternalException;
import io.berth.common.errors.NotFoundException;
import io.berth.engine.TestConfigs;
import io.berth.engine.container.ContainerRecord;
import io.berth.proto.engine.v1.ContainerConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerResizerTest {
    @TempDir
    Path tmp;

    private MockedEngineAccess m;

    @BeforeEach
    void setUp() {
        m = new MockedEngineAccess(tmp);
    }

    @AfterEach
    void tearDown() {
        m.close();
    }

    private ContainerRecord create(boolean tty) {
        ContainerConfig cfg = TestConfigs.config("", "", "", true, true, true, tty, true, true, List.of(),
                List.of("sh"), MockedEngineAccess.IMAGE, "", null, Map.of(), "", null, List.of(), List.of(), false);
        return m.get(ContainerCreator.class).create(new CreateRequest("", cfg, ContainerRecord.DEFAULT_HOST_CONFIG));
    }

    @Test
    void resize_runningTty_tellsConmonAndPublishesResize() throws Exception {
        ContainerRecord r = m.startRunning(create(true));

        m.get(ContainerResizer.class).resize(r.id().substring(0, 12), 40, 120);

        verify(m.control).resize(m.config.bundle(r.id()).dir(), 40, 120);
        verify(m.events).publish(eq("container"), eq("resize"), eq(r.id()),
                eq(Map.of("image", MockedEngineAccess.IMAGE, "name", r.shortName(), "height", "40", "width", "120")),
                anyLong());
    }

    @Test
    void resize_withoutTty_acceptedAndNothingToResize() throws Exception {
        ContainerRecord r = m.startRunning(create(false));

        m.get(ContainerResizer.class).resize(r.id(), 10, 20);

        verify(m.control, never()).resize(any(), anyInt(), anyInt());
        verify(m.events).publish(eq("container"), eq("resize"), eq(r.id()), any(), anyLong());
    }

    @Test
    void resize_created_conflictWithDockerdsMessage() {
        ContainerRecord r = create(true);

        ConflictException e = assertThrows(ConflictException.class,
                () -> m.get(ContainerResizer.class).resize(r.id(), 10, 20));
        assertEquals("Container " + r.id() + " is not running", e.getMessage());
    }

    @Test
    void resize_unknown_notFound() {
        NotFoundException e = assertThrows(NotFoundException.class,
                () -> m.get(ContainerResizer.class).resize("nosuch", 10, 20));
        assertEquals("No such container: nosuch", e.getMessage());
    }

    @Test
    void resize_conmonUnreachableWhileRunning_internalError() throws Exception {
        ContainerRecord r = m.startRunning(create(true));
        doThrow(new IOException("conmon no longer reads x")).when(m.control).resize(any(), anyInt(), anyInt());

        InternalException e = assertThrows(InternalException.class,
                () -> m.get(ContainerResizer.class).resize(r.id(), 10, 20));
        assertEquals("cannot resize the terminal of " + r.id() + ": conmon no longer reads x", e.getMessage());
    }

    @Test
    void resize_sizesBeyond16Bits_wrapAsTheKernelTakesThem() throws Exception {
        ContainerRecord r = m.startRunning(create(true));

        m.get(ContainerResizer.class).resize(r.id(), 65536 + 5, -1);

        verify(m.control).resize(m.config.bundle(r.id()).dir(), 5, 65535);
    }
}
