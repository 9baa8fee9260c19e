package io.berth.engine.network.dns;

import java.net.Inet4Address;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The embedded DNS server's answers (RFC 1035 messages through dnsjava), as dockerd's resolver gives them: a
 * question for a name of the asker's networks gets its IPv4 addresses as A records (TTL 600, authoritative
 * answer off, recursion available), an AAAA question for such a name an empty NOERROR answer (berth's endpoints
 * are IPv4), anything else is left to the host's resolvers ({@link Optional#empty}). Names are matched without
 * case and without the trailing dot; a name with dots is looked up as it is (a container named "a.b" exists).
 */
public final class DnsAnswers {
    /** dockerd's TTL for the names it answers (libnetwork resolver.go: respTTL). */
    public static final long TTL = 600;

    private DnsAnswers() {
    }

    /**
     * @param query the question as received
     * @param lookup name (lower case, no trailing dot) → the IPv4 addresses it has on the asker's networks, empty
     *     when unknown
     * @return the answer, or empty to forward the question
     */
    public static Optional<Message> answer(Message query, Function<String, List<Inet4Address>> lookup) {
        Record q = query.getQuestion();
        if (q == null || query.getHeader().getOpcode() != Opcode.QUERY || q.getDClass() != DClass.IN) {
            return Optional.empty();
        }
        String name = q.getName().toString(true).toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        List<Inet4Address> addresses = lookup.apply(name);
        if (addresses.isEmpty() || q.getType() != Type.A && q.getType() != Type.AAAA) {
            return Optional.empty();
        }
        Message r = new Message(query.getHeader().getID());
        r.getHeader().setFlag(Flags.QR);
        r.getHeader().setFlag(Flags.RA);
        if (query.getHeader().getFlag(Flags.RD)) {
            r.getHeader().setFlag(Flags.RD);
        }
        r.getHeader().setRcode(Rcode.NOERROR);
        r.addRecord(q, Section.QUESTION);
        if (q.getType() == Type.A) {
            Name owner = q.getName();
            for (Inet4Address a : addresses) {
                r.addRecord(new ARecord(owner, DClass.IN, TTL, a), Section.ANSWER);
            }
        }
        return Optional.of(r);
    }

    /**
     * @param query a question
     * @return dockerd's answer when no upstream resolver answers: SERVFAIL with the question
     */
    public static Message serverFailure(Message query) {
        Message r = new Message(query.getHeader().getID());
        r.getHeader().setFlag(Flags.QR);
        r.getHeader().setFlag(Flags.RA);
        r.getHeader().setRcode(Rcode.SERVFAIL);
        if (query.getQuestion() != null) {
            r.addRecord(query.getQuestion(), Section.QUESTION);
        }
        return r;
    }
}
