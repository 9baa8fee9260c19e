package io.berth.common.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.common.errors.InvalidArgumentException;
import io.berth.common.errors.NotImplementedException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The break-it pass on --log-opt: each hostile value gets dockerd 20.10's text, each good one its meaning. */
class LogOptionsTest {
    private static LogOptions json(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return LogOptions.parse("json-file", m);
    }

    private static String refused(String... kv) {
        return assertThrows(InvalidArgumentException.class, () -> json(kv), String.join(" ", kv)).getMessage();
    }

    @Test
    void maxSize_isGoUnitsFromHumanSize_decimal() {
        assertEquals(1000, json("max-size", "1k").maxSize(), "dockerd's 1k is 1000 bytes (FromHumanSize)");
        assertEquals(1000, json("max-size", "1KiB").maxSize(), "the i and b are only decoration");
        assertEquals(10_000_000, json("max-size", "10m").maxSize());
        assertEquals(10_000_000, json("max-size", "10 MB").maxSize());
        assertEquals(1_500_000_000L, json("max-size", "1.5g").maxSize());
        assertEquals(512, json("max-size", "512").maxSize());
        assertEquals(2_000_000_000_000_000L, json("max-size", "2p").maxSize());
        assertEquals(-1, json().maxSize(), "no rotation without max-size");
    }

    @Test
    void maxSize_hostileValues_areDockerdsErrors() {
        assertEquals("invalid size: '-1'", refused("max-size", "-1"));
        assertEquals("invalid size: '1e99'", refused("max-size", "1e99"));
        assertEquals("invalid size: ''", refused("max-size", ""));
        assertEquals("invalid size: '1x'", refused("max-size", "1x"));
        assertEquals("invalid size: ' 1k'", refused("max-size", " 1k"));
        assertEquals("invalid size: '١'", refused("max-size", "١"), "Go's \\d is ASCII only");
        assertEquals("max-size must be a positive number", refused("max-size", "0"));
        assertEquals("max-size must be a positive number", refused("max-size", "0.5"));
        assertEquals("strconv.ParseFloat: parsing \"1.5.5\": invalid syntax", refused("max-size", "1.5.5k"));
        // past int64: Go's float-to-int64 conversion gives math.MinInt64 on amd64, so dockerd says not positive
        assertEquals("max-size must be a positive number", refused("max-size", "99999999999999999999"));
        assertEquals("max-size must be a positive number", refused("max-size", "9999999p"));
        assertEquals("strconv.ParseFloat: parsing \"" + "9".repeat(400) + "\": value out of range",
                refused("max-size", "9".repeat(400)));
    }

    @Test
    void maxFile_isGoAtoiOn64Bits() {
        assertEquals(3, json("max-file", "3").maxFiles());
        assertEquals(3, json("max-file", "+3").maxFiles());
        assertEquals(Integer.MAX_VALUE, json("max-file", "99999999999").maxFiles(), "a Go int, kept as 2^31-1");
        assertEquals("max-file cannot be less than 1", refused("max-file", "0"));
        assertEquals("max-file cannot be less than 1", refused("max-file", "-5"));
        assertEquals("strconv.Atoi: parsing \"x\": invalid syntax", refused("max-file", "x"));
        assertEquals("strconv.Atoi: parsing \"\": invalid syntax", refused("max-file", ""));
        assertEquals("strconv.Atoi: parsing \" 3\": invalid syntax", refused("max-file", " 3"));
        assertEquals("strconv.Atoi: parsing \"٣\": invalid syntax", refused("max-file", "٣"),
                "Java's parseInt would take an Arabic-Indic digit, Go's Atoi does not");
        assertEquals("strconv.Atoi: parsing \"99999999999999999999\": value out of range",
                refused("max-file", "99999999999999999999"));
    }

    @Test
    void compress_isGoParseBool_andNeedsRotation() {
        assertTrue(json("max-size", "1m", "max-file", "2", "compress", "T").compress());
        assertFalse(json("compress", "0").compress());
        assertEquals("strconv.ParseBool: parsing \"maybe\": invalid syntax", refused("compress", "maybe"));
        assertEquals("strconv.ParseBool: parsing \"yes\": invalid syntax", refused("compress", "yes"));
        assertEquals("compress cannot be true when max-file is less than 2 or max-size is not set",
                refused("compress", "true", "max-size", "1m"));
        assertEquals("compress cannot be true when max-file is less than 2 or max-size is not set",
                refused("compress", "true", "max-file", "3"));
    }

    @Test
    void keys_unknownIs400_builtInsOfEveryDriverAreKnown_attributesAre501() {
        assertEquals("unknown log opt 'bogus' for json-file log driver", refused("bogus", "1"));
        assertEquals("unknown log opt 'Max-Size' for json-file log driver", refused("Max-Size", "1k"));
        // built-in options of every driver (factory.go builtInLogOpts, the dual-logging cache's cache-*)
        assertEquals(-1, json("mode", "blocking", "cache-max-size", "20m", "cache-disabled", "true").maxSize());
        for (String key : new String[] {"labels", "labels-regex", "env", "env-regex", "tag"}) {
            NotImplementedException e = assertThrows(NotImplementedException.class, () -> json(key, "x"));
            assertEquals("berth does not support the log option " + key + " yet", e.getMessage());
        }
    }

    @Test
    void builtIns_modeBufferAndCache_asFactoryGoChecksThem() {
        assertEquals("logger: logging mode not supported: fast", refused("mode", "fast"));
        assertEquals("logger: max-buffer-size option is only supported with 'mode=non-blocking'",
                refused("max-buffer-size", "4m"));
        assertEquals("error parsing option max-buffer-size: invalid size: 'lots'",
                refused("mode", "non-blocking", "max-buffer-size", "lots"));
        assertEquals("invalid value for option cache-disabled: maybe", refused("cache-disabled", "maybe"));
        NotImplementedException nb = assertThrows(NotImplementedException.class,
                () -> json("mode", "non-blocking", "max-buffer-size", "4m"));
        assertTrue(nb.getMessage().startsWith("berth does not support the log option mode=non-blocking yet"),
                nb.getMessage());
    }

    @Test
    void drivers_noneTakesAnything_othersIncludingLocalAreNotRegistered() {
        assertEquals(LogOptions.NONE, LogOptions.parse("none", Map.of("max-size", "-1", "bogus", "x")).driver(),
                "dockerd's ValidateLogOpts accepts anything for none");
        assertEquals(LogOptions.JSON_FILE, LogOptions.parse("", Map.of()).driver());
        for (String d : new String[] {"local", "syslog", "journald", "gelf", "fluentd", "awslogs", "JSON-FILE"}) {
            InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                    () -> LogOptions.parse(d, Map.of()));
            assertEquals("logger: no log driver named '" + d + "' is registered", e.getMessage());
        }
        assertEquals("logger: logging mode not supported: x",
                assertThrows(InvalidArgumentException.class, () -> LogOptions.parse("syslog", Map.of("mode", "x")))
                        .getMessage(), "factory.go checks the mode before the driver");
    }
}
