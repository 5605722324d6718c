package dev.accesslists.scim.schemas.runtime;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmHeapPressureMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Objects;

/**
 * One service's Prometheus registry: what its {@code GET /metrics} answers, with the JVM basics
 * (memory, garbage collection and its overhead, threads, class loading, processor, uptime) already bound. Every
 * series carries the label {@code service} (e.g. {@code ingest-service}), so the services can
 * share one Prometheus job, and the embedded default, which runs the three in one JVM, still
 * tells them apart.
 *
 * <p>Labels are for bounded sets of values only: routes as templates, status codes, integration
 * ids the service has verified. Never a secret, a token, a user name or a request's raw text.
 */
public final class ServiceMetrics implements AutoCloseable {
    /** The Prometheus text exposition format that {@link #scrape()} writes. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    /** The label every series carries. */
    public static final String SERVICE_TAG = "service";

    private final String service;
    private final PrometheusMeterRegistry registry;
    private final JvmGcMetrics gc;
    private final JvmHeapPressureMetrics heapPressure;

    private ServiceMetrics(String service) {
        this.service = Objects.requireNonNull(service, "service");
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags(SERVICE_TAG, service);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        this.gc = new JvmGcMetrics();
        gc.bindTo(registry);
        // jvm_gc_overhead exists from the start; jvm_gc_pause_seconds only after the first collection
        this.heapPressure = new JvmHeapPressureMetrics();
        heapPressure.bindTo(registry);
    }

    /** A registry for the service named {@code service}, with the JVM metrics bound. */
    public static ServiceMetrics create(String service) {
        return new ServiceMetrics(service);
    }

    public String service() {
        return service;
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Every series now, in the Prometheus text format ({@link #CONTENT_TYPE}). */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        heapPressure.close();
        registry.close();
    }
}
