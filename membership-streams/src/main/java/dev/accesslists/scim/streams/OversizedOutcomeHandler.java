package dev.accesslists.scim.streams;

import dev.accesslists.scim.schemas.Topics;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An outcome too large for the broker is dropped instead of failing the task: failing would
 * re-process the same command forever and stop every directory of the partition. The state
 * change and its events are still written; only the HTTP answer is lost (the client times out and
 * reads the result). Every other production failure fails the task, so exactly-once aborts it.
 */
public final class OversizedOutcomeHandler implements ProductionExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(OversizedOutcomeHandler.class);

    @Override
    public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
                                Exception exception) {
        if (exception instanceof RecordTooLargeException && Topics.OUTCOMES.name().equals(record.topic())) {
            LOG.error("dropped an outcome of {} bytes: too large for the broker", record.value() == null ? 0
                    : record.value().length);
            return Response.resume();
        }
        return Response.fail();
    }

    @Override
    public void configure(Map<String, ?> configs) {
        // nothing to configure
    }
}
