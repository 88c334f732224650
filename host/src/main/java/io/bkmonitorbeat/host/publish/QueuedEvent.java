package io.bkmonitorbeat.host.publish;

import java.util.Map;

/**
 * An event waiting in an output's queue.
 *
 * @param dataId the validated data id
 * @param utcSeconds when it was published: the frame's {@code utctime}, which Go sets when the
 *     message is created, not when it is finally written
 * @param fields the event map, owned by the output from now on
 */
record QueuedEvent(int dataId, long utcSeconds, Map<String, Object> fields) {}
