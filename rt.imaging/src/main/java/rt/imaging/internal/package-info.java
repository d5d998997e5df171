/** Raw array kernels behind the {@code rt.imaging} façades: no argument checks, not exported. */
package rt.imaging.internal;
