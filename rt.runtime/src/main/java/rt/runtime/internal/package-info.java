/** Runtime internals: DS components (stage registry, broker, commands, headless runner). Not exported. */
package rt.runtime.internal;
