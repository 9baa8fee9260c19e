package io.berth.gateway.types.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.common.json.Json;
import io.berth.proto.storage.v1.DistributionProgress;

/**
 * Docker's JSON progress stream lines (pkg/jsonmessage.JSONMessage, field order status, progressDetail,
 * progress, id, aux) from storage's {@link DistributionProgress}: {@code progressDetail} is {@code {}} or
 * {@code {"current":N,"total":M}} (zeros omitted, as Go's omitempty), {@code progress} the text bar the CLI
 * prints when it is not on a terminal ({@code JSONProgress.String()}: 50 columns, go-units HumanSize).
 */
public final class ProgressMessages {
    private static final int BAR = 50;

    private ProgressMessages() {
    }

    /**
     * @param p one progress message
     * @return the JSON line, newline-terminated
     */
    public static byte[] line(DistributionProgress p) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        if (!p.getStatus().isEmpty()) {
            n.put("status", p.getStatus());
        }
        if (p.getHasDetail() || p.hasAux()) {
            ObjectNode d = n.putObject("progressDetail");
            if (p.getCurrent() != 0) {
                d.put("current", p.getCurrent());
            }
            if (p.getTotal() != 0) {
                d.put("total", p.getTotal());
            }
            if (p.getCurrent() != 0 || p.getTotal() != 0) {
                n.put("progress", bar(p.getCurrent(), p.getTotal()));
            }
        }
        if (!p.getId().isEmpty()) {
            n.put("id", p.getId());
        }
        if (p.hasAux()) {
            ObjectNode aux = n.putObject("aux");
            aux.put("Tag", p.getAux().getTag());
            aux.put("Digest", p.getAux().getDigest());
            aux.put("Size", p.getAux().getSize());
        }
        return Json.line(n);
    }

    /**
     * @param current bytes done
     * @param total bytes in all (0: unknown)
     * @return e.g. {@code [=====>                                            ]  1.09MB/10.5MB}
     */
    static String bar(long current, long total) {
        if (total <= 0) {
            return humanSize(current);
        }
        long cur = Math.min(current, total);
        int filled = (int) (cur * BAR / total);
        StringBuilder b = new StringBuilder("[");
        b.append("=".repeat(filled));
        if (filled < BAR) {
            b.append('>').append(" ".repeat(BAR - filled - 1));
        }
        return b.append("] ").append(String.format("%8s", humanSize(current))).append('/')
                .append(humanSize(total)).toString();
    }

    /** go-units HumanSize: decimal units, 4 significant digits, e.g. {@code 1.088MB}, {@code 104B}. */
    static String humanSize(long bytes) {
        String[] units = {"B", "kB", "MB", "GB", "TB", "PB"};
        double v = bytes;
        int u = 0;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        String num = new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
        return num + units[u];
    }
}
