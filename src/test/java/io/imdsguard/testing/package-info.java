/**
 * Test harness: integration tests talk HTTP to a real AWS API emulator through the real SDK v2
 * clients (docs/testing.md).
 *
 * <h2>Layout at run time</h2>
 * <pre>
 *   SDK client --HTTP--> WireMock stub (one per JVM) --proxy--> emulator (one per JVM)
 *                         | journal: every call's service/operation/region
 *                         | faults:  failOperation / throttle, in each protocol's wire format
 *                         | answers what moto 5.2.5 lacks:
 *                         |   ec2  Get/ModifyInstanceMetadataDefaults (per-region state)
 *                         |        DryRun=true on mutating calls (Malformed / NotFound / DryRunOperation)
 *                         |        metadataOptions state "pending" for held and stopped instances
 *                         |   ssm  DescribeInstanceInformation (seeded), GetCommandInvocation (seeded output),
 *                         |        ListCommandInvocations (moto's ListCommands + seeded states, 2,500-char details)
 *                         |   wafv2 ListResourcesForWebACL (from the associations it saw)
 * </pre>
 * The emulator is, in order: the endpoint in env {@code AWS_ENDPOINT_URL}; LocalStack via
 * Testcontainers when a Docker daemon answers (force with {@code -Dimdsguard.emulator=moto|localstack});
 * else {@code moto_server} installed by {@code scripts/emulator/ensure-moto.sh} and logging to
 * {@code target/moto-server.log}. State (emulator and stub) is reset before each top-level test class.
 *
 * <h2>Use</h2>
 * <pre>{@code
 * @ExtendWith(AwsEmulator.class)
 * class MyCollectorIT {
 *     @Test
 *     void collects(AwsEmulator aws) {
 *         try (FleetBuilder fleet = aws.fleet("us-west-2"); Ec2Client ec2 = aws.client(Ec2Client.builder(), "us-west-2")) {
 *             NetworkFleet.VpcRef vpc = fleet.network().vpc("10.0.0.0/16", false);
 *             ...
 *             aws.clearRecorded();
 *             // run the code under test with endpoint aws.endpoint(), credentials aws.credentials()
 *             assertThat(aws.recordedCalls()).noneMatch(AwsCall::isMutating);
 *         }
 *     }
 * }
 * }</pre>
 * Register the extension statically ({@code @RegisterExtension static}) or with {@code @ExtendWith};
 * an instance-field registration misses the per-class reset.
 */
package io.imdsguard.testing;
