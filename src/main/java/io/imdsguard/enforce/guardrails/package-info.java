/**
 * The Organization guardrails that keep IMDSv1 from coming back once instances and region defaults
 * require IMDSv2: a service control policy and an EC2 declarative policy, shipped as documents under
 * {@code src/main/resources/guardrails/} and printed by {@code enforce guardrails}. Nothing here calls AWS.
 */
package io.imdsguard.enforce.guardrails;
