/**
 * Contracts between the runtime and the stage bundles: {@link rt.api.Stage}, the context a stage runs in, the
 * shared {@link rt.api.ResourceBroker}, progress events and stage results.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.3.0")
package rt.api;
