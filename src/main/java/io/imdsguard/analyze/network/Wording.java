package io.imdsguard.analyze.network;

import io.imdsguard.inventory.PortRange;
import io.imdsguard.inventory.Protocols;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/** How counts and ports read in evidence: "3.7 billion", "tcp/22", "tcp/1024-65535". */
final class Wording {
    private static final String[] SCALES = {"thousand", "million", "billion", "trillion"};

    private Wording() {
    }

    static String protocolPorts(String protocol, PortRange ports) {
        if (Protocols.ALL.equals(protocol)) {
            return "all";
        }
        return Protocols.hasPorts(protocol) ? protocol + "/" + ports : protocol;
    }

    /** A human size: exact below a thousand, then thousand..trillion, then a power of two (IPv6). */
    static String count(BigInteger n) {
        if (n.compareTo(BigInteger.valueOf(1000)) < 0) {
            return n.toString();
        }
        BigDecimal value = new BigDecimal(n);
        if (value.compareTo(BigDecimal.TEN.pow(15)) >= 0) {
            return "about 2^" + Math.round(Math.log(n.doubleValue()) / Math.log(2));
        }
        for (int i = SCALES.length - 1; i >= 0; i--) {
            BigDecimal scale = BigDecimal.TEN.pow(3 * (i + 1));
            if (value.compareTo(scale) >= 0) {
                return value.divide(scale, 1, RoundingMode.DOWN).stripTrailingZeros().toPlainString() + " " + SCALES[i];
            }
        }
        return n.toString();
    }
}
