package io.berth.engine.network.dns;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.berth.common.testing.TestEnvironment;
import io.berth.engine.network.NetworkNamespaces;
import io.berth.engine.runtime.CommandRunner;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * {@link EmbeddedDns} in a real network namespace of its own (made with {@code unshare}, {@code lo} up): a client
 * socket made in the same namespace asks 127.0.0.11:53 over UDP and TCP; the namespace of the test itself has no
 * such server. Needs root.
 */
class EmbeddedDnsTest {
    static final String CID = "d".repeat(64);

    @TempDir
    Path dir;
    NetworkNamespaces namespaces;
    Path netns;
    DnsNames names = mock(DnsNames.class);
    EmbeddedDns dns;

    @BeforeEach
    void namespace() throws Exception {
        TestEnvironment.current().requireRoot("network namespaces (unshare, setns)");
        namespaces = new NetworkNamespaces(dir.resolve("netns"), new CommandRunner());
        netns = namespaces.create(CID);
        assertEquals(0, new CommandRunner().run(List.of("nsenter", "--net=" + netns, "ip", "link", "set", "lo",
                "up"), Duration.ofSeconds(10)).exitCode());
        Path resolv = dir.resolve("resolv.conf");
        Files.writeString(resolv, "nameserver 127.0.0.11\n"); // no upstream: forwarded questions fail
        dns = new EmbeddedDns(names, resolv);
        when(names.lookup(eq(CID), anyString())).thenReturn(List.of());
        when(names.lookup(CID, "web")).thenReturn(List.of((Inet4Address) InetAddress.getByName("10.88.0.5"),
                (Inet4Address) InetAddress.getByName("10.89.0.5")));
    }

    @AfterEach
    void cleanUp() {
        if (dns != null) {
            dns.close();
        }
        if (namespaces != null) {
            namespaces.remove(CID);
        }
    }

    private Message askUdp(String name, int type) {
        return NetnsSockets.inNamespace(netns, () -> {
            try (DatagramSocket s = new DatagramSocket()) {
                s.setSoTimeout(5000);
                byte[] q = Message.newQuery(Record.newRecord(Name.fromString(name + "."), type, DClass.IN)).toWire();
                s.send(new DatagramPacket(q, q.length, InetAddress.getByName("127.0.0.11"), 53));
                DatagramPacket p = new DatagramPacket(new byte[4096], 4096);
                s.receive(p);
                return new Message(java.util.Arrays.copyOf(p.getData(), p.getLength()));
            }
        });
    }

    @Test
    void answersTheNetworksNames_overUdpAndTcp_insideTheNamespaceOnly() throws Exception {
        dns.start(CID, netns);

        Message a = askUdp("Web", Type.A);
        assertEquals(Rcode.NOERROR, a.getRcode());
        List<Record> answers = a.getSection(Section.ANSWER);
        assertEquals(2, answers.size());
        assertEquals("10.88.0.5", ((ARecord) answers.get(0)).getAddress().getHostAddress());
        assertEquals(DnsAnswers.TTL, answers.get(0).getTTL());
        assertEquals(0, askUdp("web", Type.AAAA).getSection(Section.ANSWER).size(), "IPv4 only: an empty answer");
        assertEquals(Rcode.SERVFAIL, askUdp("elsewhere.example", Type.A).getRcode(), "forwarded, no upstream");

        Message overTcp = NetnsSockets.inNamespace(netns, () -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.11", 53), 5000);
                s.setSoTimeout(5000);
                byte[] q = Message.newQuery(Record.newRecord(Name.fromString("web."), Type.A, DClass.IN)).toWire();
                DataOutputStream out = new DataOutputStream(s.getOutputStream());
                out.writeShort(q.length);
                out.write(q);
                DataInputStream in = new DataInputStream(s.getInputStream());
                byte[] r = new byte[in.readUnsignedShort()];
                in.readFully(r);
                return new Message(r);
            }
        });
        assertEquals(2, overTcp.getSection(Section.ANSWER).size());

        try (DatagramSocket host = new DatagramSocket()) {
            host.setSoTimeout(500);
            byte[] q = Message.newQuery(Record.newRecord(Name.fromString("web."), Type.A, DClass.IN)).toWire();
            host.send(new DatagramPacket(q, q.length, InetAddress.getByName("127.0.0.11"), 53));
            boolean answered;
            try {
                host.receive(new DatagramPacket(new byte[512], 512));
                answered = true;
            } catch (java.io.IOException e) {
                answered = false;
            }
            assertFalse(answered, "the server lives in the container's namespace, not the engine's");
        }
    }

    @Test
    void stop_closesTheSockets_andStartAgainWorks() {
        dns.start(CID, netns);
        assertTrue(dns.isServing(CID));

        dns.stop(CID);
        assertFalse(dns.isServing(CID));
        dns.start(CID, netns);

        assertEquals(2, askUdp("web", Type.A).getSection(Section.ANSWER).size());
    }

    @Test
    void forwards_toTheContainersDnsServers_whenGiven_elseTheHosts() throws Exception {
        java.util.concurrent.ThreadLocalRandom rnd = java.util.concurrent.ThreadLocalRandom.current();
        String upstream = "127." + rnd.nextInt(100, 250) + "." + rnd.nextInt(1, 250) + "." + rnd.nextInt(2, 250);
        try (DatagramSocket fake = new DatagramSocket(new InetSocketAddress(upstream, 53))) {
            fake.setSoTimeout(10_000);
            Thread server = new Thread(() -> {
                try {
                    DatagramPacket p = new DatagramPacket(new byte[4096], 4096);
                    fake.receive(p);
                    Message q = new Message(java.util.Arrays.copyOf(p.getData(), p.getLength()));
                    Message r = new Message(q.getHeader().getID());
                    r.getHeader().setFlag(org.xbill.DNS.Flags.QR);
                    r.addRecord(q.getQuestion(), Section.QUESTION);
                    r.addRecord(new ARecord(q.getQuestion().getName(), DClass.IN, 60,
                            InetAddress.getByName("192.0.2.7")), Section.ANSWER);
                    byte[] w = r.toWire();
                    fake.send(new DatagramPacket(w, w.length, p.getSocketAddress()));
                } catch (java.io.IOException e) {
                    // the test's assertion reports the missing answer
                }
            });
            server.start();
            when(names.dnsServers(CID)).thenReturn(List.of(upstream));
            dns.start(CID, netns);

            Message a = askUdp("elsewhere.example", Type.A);

            assertEquals(Rcode.NOERROR, a.getRcode(), "answered by the --dns server " + upstream);
            assertEquals("192.0.2.7", ((ARecord) a.getSection(Section.ANSWER).get(0)).getAddress().getHostAddress());
            server.join(5000);
        }
        when(names.dnsServers(CID)).thenReturn(List.of("127.0.0.11", "not-an-ip"));
        assertEquals(Rcode.SERVFAIL, askUdp("elsewhere.example", Type.A).getRcode(),
                "nothing usable given: the host's (none here)");
    }

    @Test
    void answers_matchTheQuestionsId() throws Exception {
        Message q = Message.newQuery(Record.newRecord(Name.fromString("web."), Type.A, DClass.IN));
        Message r = DnsAnswers.answer(q, n -> names.lookup(CID, n)).orElseThrow();
        assertEquals(q.getHeader().getID(), r.getHeader().getID());
        assertArrayEquals(new byte[] {10, 88, 0, 5},
                ((ARecord) r.getSection(Section.ANSWER).get(0)).getAddress().getAddress());
        assertTrue(DnsAnswers.answer(Message.newQuery(Record.newRecord(Name.fromString("nosuch."), Type.A,
                DClass.IN)), n -> names.lookup(CID, n)).isEmpty());
    }
}
