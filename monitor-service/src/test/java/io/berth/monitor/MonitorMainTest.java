package io.berth.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.grpc.UnixChannels;
import io.berth.proto.monitor.v1.Event;
import io.berth.proto.monitor.v1.EventsGrpc;
import io.berth.proto.monitor.v1.PublishEventRequest;
import io.berth.proto.monitor.v1.SubscribeEventsRequest;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MonitorMainTest {
    @TempDir
    Path dir;

    @Test
    void parse_contractFlags_giveConfig() {
        MonitorMain main = new MonitorMain();
        new CommandLine(main).parseArgs("--socket", "/run/b/monitor.sock", "--data-root", "/var/lib/b", "--debug");
        assertEquals(new MonitorConfig(Path.of("/run/b/monitor.sock"), Path.of("/var/lib/b"), true), main.config());
    }

    @Test
    void execute_withoutSocket_failsWithUsage() {
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new MonitorMain()).setErr(new PrintWriter(err));
        assertNotEquals(0, cl.execute("--data-root", "/x"));
        assertTrue(err.toString().contains("--socket"), err.toString());
    }

    @Test
    void start_onUnixSocket_answersHealthAndEvents() throws Exception {
        Path socket = dir.resolve("monitor.sock");
        MonitorServer server = MonitorServer.start(new MonitorConfig(socket, dir, false), Clock.systemUTC());
        ManagedChannel ch = UnixChannels.connect(socket);
        try {
            HealthCheckResponse health = HealthGrpc.newBlockingStub(ch).withDeadlineAfter(10, TimeUnit.SECONDS)
                    .check(HealthCheckRequest.getDefaultInstance());
            assertEquals(HealthCheckResponse.ServingStatus.SERVING, health.getStatus());
            EventsGrpc.EventsBlockingStub stub = EventsGrpc.newBlockingStub(ch).withDeadlineAfter(10, TimeUnit.SECONDS);
            stub.publishEvent(PublishEventRequest.newBuilder().setEvent(Event.newBuilder()
                    .setType("image").setAction("load").setActorId("fixture/busybox:1")).build());
            Event got = stub.subscribeEvents(SubscribeEventsRequest.newBuilder().setSinceNano(1)
                    .setUntilNano(server.bus().nowNano()).build()).next().getEvent();
            assertEquals("load", got.getAction());
        } finally {
            ch.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            server.close();
        }
        assertFalse(Files.exists(socket));
    }
}
