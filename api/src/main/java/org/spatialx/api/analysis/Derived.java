package org.spatialx.api.analysis;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A params component the client fills from the data records ({@link Analysis#resolve}), not the
 * caller: DE's {@code sample_id_1}/{@code table_id_1}, region segmentation's {@code transcripts_id}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Derived {
}
