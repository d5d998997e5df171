/** rt.cluster internals: settings, the Hazelcast member, the course board, worker and coordinator, commands. */
package rt.cluster.internal;
