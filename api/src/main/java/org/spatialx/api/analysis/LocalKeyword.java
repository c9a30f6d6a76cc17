package org.spatialx.api.analysis;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A keyword argument protocol 7.2 does not declare for the kind but a local implementation reads, e.g.
 * metadata_reference's {@code reference=} (the local server has no atlas, the caller names one). The
 * client sends it only when the caller gives it (a null value is not sent), after the declared params,
 * as the Python SDK appends any extra keyword argument (protocol 7.1); a call without it is therefore
 * wire-identical to the Python SDK's, and SpatialX ignores it. Only for kinds whose
 * {@link Analysis#extraKeywordsInParams()} is true.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface LocalKeyword {
}
