package io.imdsguard.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads EC2 query-protocol answers by element path and character position, so the stub can change one
 * element's text and leave every other byte of moto's answer as it was. EC2 answers carry no comments,
 * CDATA or processing instructions past the XML declaration, which is what lets a tag scanner do.
 */
final class Ec2InstanceXml {

    private static final Pattern TAG = Pattern.compile("<(/?)([A-Za-z_][\\w.:-]*)[^>]*?(/?)>");

    private Ec2InstanceXml() {}

    /** Where an element's text lies in the answer: {@code xml.substring(start, end)}. */
    record Span(int start, int end) {
        String of(String xml) {
            return xml.substring(start, end);
        }
    }

    /**
     * One {@code instancesSet/item} of a DescribeInstances (or Run/Start/Stop) answer.
     *
     * @param stateName {@code instanceState/name}, or null when absent
     * @param metadataState where {@code metadataOptions/state} is, or null when absent
     */
    record Item(String instanceId, String stateName, Span metadataState) {}

    /** Every instance item of the answer, in document order. */
    static List<Item> instances(String xml) {
        List<Item> items = new ArrayList<>();
        List<String> path = new ArrayList<>();
        List<Integer> contentStarts = new ArrayList<>();
        int itemDepth = -1;
        String id = null;
        String stateName = null;
        Span metadataState = null;
        Matcher tag = TAG.matcher(xml);
        while (tag.find()) {
            String name = tag.group(2);
            boolean closing = !tag.group(1).isEmpty();
            if (!closing) {
                if (!tag.group(3).isEmpty()) {
                    continue;
                }
                if (itemDepth < 0 && name.equals("item") && last(path, "instancesSet")) {
                    itemDepth = path.size();
                    id = null;
                    stateName = null;
                    metadataState = null;
                }
                path.add(name);
                contentStarts.add(tag.end());
                continue;
            }
            if (path.isEmpty()) {
                break;
            }
            path.remove(path.size() - 1);
            int start = contentStarts.remove(contentStarts.size() - 1);
            if (itemDepth < 0) {
                continue;
            }
            int depth = path.size() - itemDepth;
            if (depth == 0) {
                items.add(new Item(id, stateName, metadataState));
                itemDepth = -1;
            } else if (depth == 1 && name.equals("instanceId")) {
                id = xml.substring(start, tag.start()).trim();
            } else if (depth == 2 && name.equals("name") && last(path, "instanceState")) {
                stateName = xml.substring(start, tag.start()).trim();
            } else if (depth == 2 && name.equals("state") && last(path, "metadataOptions")) {
                metadataState = new Span(start, tag.start());
            }
        }
        return items;
    }

    /** The first element at {@code path} below the root element (e.g. instanceMetadataOptions, state), or null. */
    static Span find(String xml, String... below) {
        List<String> path = new ArrayList<>();
        List<Integer> contentStarts = new ArrayList<>();
        Matcher tag = TAG.matcher(xml);
        while (tag.find()) {
            if (tag.group(1).isEmpty()) {
                if (tag.group(3).isEmpty()) {
                    path.add(tag.group(2));
                    contentStarts.add(tag.end());
                }
                continue;
            }
            if (path.isEmpty()) {
                return null;
            }
            if (path.size() == below.length + 1 && path.subList(1, path.size()).equals(List.of(below))) {
                return new Span(contentStarts.get(contentStarts.size() - 1), tag.start());
            }
            path.remove(path.size() - 1);
            contentStarts.remove(contentStarts.size() - 1);
        }
        return null;
    }

    /** The answer with each span's text replaced by {@code text}; spans in document order, not overlapping. */
    static String replace(String xml, List<Span> spans, String text) {
        StringBuilder out = new StringBuilder(xml.length() + 16 * spans.size());
        int at = 0;
        for (Span span : spans) {
            out.append(xml, at, span.start()).append(text);
            at = span.end();
        }
        return out.append(xml, at, xml.length()).toString();
    }

    private static boolean last(List<String> path, String name) {
        return !path.isEmpty() && path.get(path.size() - 1).equals(name);
    }
}
