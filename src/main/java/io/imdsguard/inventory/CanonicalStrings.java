package io.imdsguard.inventory;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.type.LogicalType;

import java.io.IOException;
import java.util.Arrays;

/**
 * Binds string values so that one read keeps one copy of each repeated value. A snapshot repeats most
 * of its strings on every instance (account, region, state, VPC, subnet, security groups, metadata
 * options, tag values): at 100,000 instances over 1,400 accounts the records took 250 MB with a copy
 * each and 126 MB with one, and every young collection during the read copies what is alive. Equal
 * strings that are also one object hash once and compare at once in the analyzers' maps.
 *
 * <p>The table lives for one {@code readValue} (a per-call attribute of Jackson's context), so the split
 * reader's batches each have their own, and it starts over when full, so values seen once (instance ids,
 * addresses) cannot make it grow with the file. It is looked up with the parser's characters, so a value
 * seen before costs no new string at all. Values longer than {@link #MAX_LENGTH} (policy documents) are
 * left out: they seldom repeat, and they would make a full table large. Anything but a JSON string is
 * left to Jackson's own deserializer, with its checks and messages.
 *
 * <p>Every reader of {@link SnapshotIO#mapper()} gets it (reports, journals, evidence files too), so the
 * table starts small: a journal is read one short line per {@code readValue}.
 */
final class CanonicalStrings extends StdScalarDeserializer<String> {
    /** Enough for the distinct repeated values of a large region; a full table takes at most about 20 MB. */
    static final int MAX_ENTRIES = 1 << 16;
    /** Ids, names, states and tag values are shorter; a policy document is not. */
    static final int MAX_LENGTH = 64;
    private static final Object TABLE = new Object();

    CanonicalStrings() {
        super(String.class);
    }

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (!p.hasToken(JsonToken.VALUE_STRING)) {
            return StringDeserializer.instance.deserialize(p, ctxt);
        }
        int length = p.getTextLength();
        if (length > MAX_LENGTH) {
            return p.getText();
        }
        Table table = (Table) ctxt.getAttribute(TABLE);
        if (table == null) {
            table = new Table();
            ctxt.setAttribute(TABLE, table);
        }
        return table.intern(p.getTextCharacters(), p.getTextOffset(), length);
    }

    /** As Jackson's own string deserializer says of itself, for coercion and null settings. */
    @Override
    public LogicalType logicalType() {
        return LogicalType.Textual;
    }

    @Override
    public Object getEmptyValue(DeserializationContext ctxt) {
        return "";
    }

    /** Open addressing over the values' characters: a hit needs neither a string nor an entry object. */
    static final class Table {
        private static final int FIRST_SLOTS = 64;

        private char[][] keys = new char[FIRST_SLOTS][];
        private String[] values = new String[FIRST_SLOTS];
        private int[] hashes = new int[FIRST_SLOTS];
        private int size;

        String intern(char[] chars, int offset, int length) {
            int hash = 0;
            for (int i = offset, end = offset + length; i < end; i++) {
                hash = 31 * hash + chars[i];
            }
            int mask = keys.length - 1;
            for (int slot = spread(hash) & mask; ; slot = (slot + 1) & mask) {
                char[] key = keys[slot];
                if (key == null) {
                    String value = new String(chars, offset, length);
                    put(slot, Arrays.copyOfRange(chars, offset, offset + length), value, hash);
                    return value;
                }
                if (hashes[slot] == hash && Arrays.equals(key, 0, key.length, chars, offset, offset + length)) {
                    return values[slot];
                }
            }
        }

        private void put(int slot, char[] key, String value, int hash) {
            if (size >= MAX_ENTRIES) {
                Arrays.fill(keys, null);
                Arrays.fill(values, null);
                size = 0;
                slot = spread(hash) & (keys.length - 1);
            } else if (2 * (size + 1) > keys.length) {
                grow();
                slot = free(hash);
            }
            keys[slot] = key;
            values[slot] = value;
            hashes[slot] = hash;
            size++;
        }

        private void grow() {
            char[][] oldKeys = keys;
            String[] oldValues = values;
            int[] oldHashes = hashes;
            keys = new char[oldKeys.length * 2][];
            values = new String[keys.length];
            hashes = new int[keys.length];
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldKeys[i] != null) {
                    int slot = free(oldHashes[i]);
                    keys[slot] = oldKeys[i];
                    values[slot] = oldValues[i];
                    hashes[slot] = oldHashes[i];
                }
            }
        }

        private int free(int hash) {
            int mask = keys.length - 1;
            int slot = spread(hash) & mask;
            while (keys[slot] != null) {
                slot = (slot + 1) & mask;
            }
            return slot;
        }

        private static int spread(int hash) {
            return hash ^ (hash >>> 16);
        }
    }
}
