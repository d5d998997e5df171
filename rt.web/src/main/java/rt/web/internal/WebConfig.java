package rt.web.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@code rt.web} (rt:serve sets bind and token; a deploy/rt.web.cfg file may set the rest). */
@ObjectClassDefinition(name = "RT web UI", description = "Upload area, API token and limits of the web UI")
public @interface WebConfig {

    @AttributeDefinition(description = "address the server is bound to (rt:serve --bind); beyond loopback, writes need the token")
    String bind() default "127.0.0.1";

    @AttributeDefinition(description = "API token for write requests; empty: $RT_WEB_TOKEN, or none on loopback")
    String token() default "";

    @AttributeDefinition(description = "folder for uploads and run outputs; empty: $RT_HOME/web")
    String home() default "";

    @AttributeDefinition(description = "server-side folders (and their subfolders) a run may read")
    String[] allowedRoots() default {};

    @AttributeDefinition(description = "bytes one upload may hold, archives unpacked included")
    long maxUploadBytes() default 1L << 40;

    @AttributeDefinition(description = "entries one archive may have")
    long maxArchiveEntries() default 200_000;

    @AttributeDefinition(description = "largest expansion of an archive (inflated / compressed bytes)")
    double maxArchiveRatio() default 200;
}
