package io.berth.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.berth.engine.container.ContainerRecord;
import io.berth.proto.engine.v1.HostConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResolvConfTest {
    private static final String HOST = "# generated\nsearch corp.example\nnameserver 10.0.0.2\n"
            + "nameserver 10.0.0.3 # second\noptions rotate\noptions timeout:1 attempts:2\n";

    @Test
    void of_noDnsSettings_hostCopy() {
        assertEquals(HOST, ResolvConf.of(ContainerRecord.DEFAULT_HOST_CONFIG, HOST));
    }

    @Test
    void of_allSet_searchNameserversOptions() {
        HostConfig hc = HostConfig.newBuilder().addAllDns(List.of("1.1.1.1", "8.8.8.8"))
                .addAllDnsSearch(List.of("a.example", "b.example")).addAllDnsOptions(List.of("ndots:2")).build();

        assertEquals("search a.example b.example\nnameserver 1.1.1.1\nnameserver 8.8.8.8\noptions ndots:2\n",
                ResolvConf.of(hc, HOST));
    }

    @Test
    void of_onlyDns_keepsHostSearchAndLastOptionsLine() {
        HostConfig hc = HostConfig.newBuilder().addAllDns(List.of("1.1.1.1")).build();

        assertEquals("search corp.example\nnameserver 1.1.1.1\noptions timeout:1 attempts:2\n",
                ResolvConf.of(hc, HOST));
    }

    @Test
    void of_onlySearch_keepsHostNameservers() {
        HostConfig hc = HostConfig.newBuilder().addAllDnsSearch(List.of(".")).build();

        assertEquals("nameserver 10.0.0.2\nnameserver 10.0.0.3\noptions timeout:1 attempts:2\n",
                ResolvConf.of(hc, HOST));
    }

    @Test
    void filterLocalhost_dropsLoopbackServersKeepsOthers_defaultsWhenNoneLeft() {
        assertEquals("search x\nnameserver 10.0.0.2\n",
                ResolvConf.filterLocalhost("search x\nnameserver 127.0.0.1\nnameserver 10.0.0.2\nnameserver ::1\n"));
        assertEquals("search x\n" + ResolvConf.DEFAULT_NAMESERVERS,
                ResolvConf.filterLocalhost("search x\nnameserver 127.0.0.53\n"));
        assertEquals("nameserver 127.0.0.53\n",
                ResolvConf.of(ContainerRecord.DEFAULT_HOST_CONFIG, "nameserver 127.0.0.53\n", false));
    }
}
