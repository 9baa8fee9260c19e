package io.berth.gateway.router.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.berth.common.errors.ConflictException;
import io.berth.gateway.router.images.ImagesBackend;
import io.berth.gateway.testing.RecordingExchange;
import io.berth.gateway.testing.Requests;
import io.berth.proto.engine.v1.Container;
import io.berth.proto.engine.v1.ContainerState;
import io.berth.proto.engine.v1.InspectContainerResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

/** {@code POST /commit} of a container dockerd refuses to commit: moby daemon/commit.go's 409 texts. */
@ExtendWith(MockitoExtension.class)
class ContainerCommitRouterTest {
    static final String ID = "9a5a9047818a40cf53d0b0a85305eaadbf5f8214366e736b16139680cb582447";

    @Mock
    ContainersBackend containers;
    @Mock
    LifecycleBackend lifecycle;
    @Mock
    ImagesBackend images;

    private String refusal(ContainerState state) {
        when(containers.inspect(any())).thenReturn(InspectContainerResponse.newBuilder()
                .setContainer(Container.newBuilder().setId(ID).setName("/c").setState(state)).build());
        ConflictException e = assertThrows(ConflictException.class, () -> new ContainerCommitRouter(containers,
                lifecycle, images).postCommit(Requests.post("/commit").query("container", "c").body("{}").build(),
                new RecordingExchange()));
        verifyNoInteractions(images, lifecycle);
        return e.getMessage();
    }

    @Test
    void commit_ofADeadContainer_is409() {
        assertEquals("You cannot commit container " + ID + " which is Dead",
                refusal(ContainerState.newBuilder().setStatus("dead").setDead(true).build()));
    }

    @Test
    void commit_ofAContainerBeingRemoved_is409() {
        assertEquals("You cannot commit container " + ID + " which is being removed",
                refusal(ContainerState.newBuilder().setStatus("removing").build()));
    }
}
