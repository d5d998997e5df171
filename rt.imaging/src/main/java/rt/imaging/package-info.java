/**
 * Volume algorithms on the {@code rt.api.image} model: resampling, contour rasterisation, mask to contours
 * (marching squares), exact Euclidean distance transforms and margins, boolean mask operations, connected
 * components and hole filling. Checked façades here; raw array kernels live in {@code rt.imaging.internal}.
 * Every method is stateless and thread-safe; input arrays are never modified.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package rt.imaging;
