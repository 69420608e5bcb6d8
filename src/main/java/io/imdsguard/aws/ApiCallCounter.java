package io.imdsguard.aws;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts every API call the SDK clients make, keyed {@code Service:Operation}, for the collection
 * summary and for tests. A call counts once however many times it is retried. It sees only
 * service and operation names, never a request's content, so credentials cannot leak through it.
 */
public final class ApiCallCounter implements ExecutionInterceptor {
    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        calls.computeIfAbsent(service + ":" + operation, k -> new LongAdder()).increment();
    }

    /** Total calls so far. */
    public long total() {
        return calls.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Calls per {@code Service:Operation}, sorted by key. */
    public Map<String, Long> byOperation() {
        Map<String, Long> out = new TreeMap<>();
        calls.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
