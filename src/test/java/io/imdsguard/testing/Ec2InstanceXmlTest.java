package io.imdsguard.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The tag scanner the stub edits EC2 answers with: by path, not by the first match. */
class Ec2InstanceXmlTest {

    private static final String ANSWER = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
            + "<DescribeInstancesResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15\"><reservationSet><item>"
            + "<reservationId>r-1</reservationId><groupSet/><instancesSet>"
            + "<item><blockDeviceMapping><item><ebs><status>attached</status></ebs></item></blockDeviceMapping>"
            + "<networkInterfaceSet><item><attachment><status>attached</status></attachment>"
            + "<instanceId>i-decoy</instanceId></item></networkInterfaceSet>"
            + "<metadataOptions><state>applied</state><httpTokens>optional</httpTokens></metadataOptions>"
            + "<instanceId>i-aaaaaaaa</instanceId><instanceState><code>80</code><name>stopped</name></instanceState>"
            + "<monitoring><state>disabled</state></monitoring></item>"
            + "<item><monitoring><state>disabled</state></monitoring><instanceId>i-bbbbbbbb</instanceId>"
            + "<instanceState><code>16</code><name>running</name></instanceState>"
            + "<metadataOptions><state>applied</state></metadataOptions></item>"
            + "</instancesSet></item></reservationSet><requestId>x</requestId></DescribeInstancesResponse>";

    @Test
    void findsEachInstanceItemsOwnIdStateAndMetadataStateWhereverTheyStand() {
        List<Ec2InstanceXml.Item> items = Ec2InstanceXml.instances(ANSWER);

        assertThat(items).extracting(Ec2InstanceXml.Item::instanceId).containsExactly("i-aaaaaaaa", "i-bbbbbbbb");
        assertThat(items).extracting(Ec2InstanceXml.Item::stateName).containsExactly("stopped", "running");
        assertThat(items).allSatisfy(item -> assertThat(item.metadataState().of(ANSWER)).isEqualTo("applied"));
        assertThat(items.get(0).metadataState().start()).isLessThan(ANSWER.indexOf("i-aaaaaaaa"));
        assertThat(items.get(1).metadataState().start()).isGreaterThan(ANSWER.indexOf("i-bbbbbbbb"));
    }

    @Test
    void replacingTheSecondItemsStateLeavesEveryOtherCharacter() {
        Ec2InstanceXml.Span span = Ec2InstanceXml.instances(ANSWER).get(1).metadataState();

        String edited = Ec2InstanceXml.replace(ANSWER, List.of(span), "pending");

        assertThat(edited).isEqualTo(ANSWER.substring(0, span.start()) + "pending" + ANSWER.substring(span.end()));
        assertThat(edited.indexOf("pending")).isGreaterThan(edited.indexOf("i-bbbbbbbb"));
    }

    @Test
    void findsAnElementByItsPathBelowTheRoot() {
        String modify = "<?xml version=\"1.0\"?><ModifyInstanceMetadataOptionsResponse><instanceId>i-1</instanceId>"
                + "<state>decoy</state><instanceMetadataOptions><state>applied</state></instanceMetadataOptions>"
                + "</ModifyInstanceMetadataOptionsResponse>";

        assertThat(Ec2InstanceXml.find(modify, "instanceMetadataOptions", "state").of(modify)).isEqualTo("applied");
        assertThat(Ec2InstanceXml.find(modify, "instanceId").of(modify)).isEqualTo("i-1");
        assertThat(Ec2InstanceXml.find(modify, "missing")).isNull();
    }
}
