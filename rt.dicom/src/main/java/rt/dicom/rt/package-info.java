/**
 * DICOM-RT objects on top of the codec: image series and RT Dose as {@link rt.api.image.Volume}s, RT Structure
 * Sets (ROIs and contours in LPS mm), RT Plan and RT treatment record summaries, contour volumes, and writers for
 * RT Structure Sets, RT Dose, CT and MR series, simple RT Plans, RT Beams Treatment Records and spatial
 * registrations (and a reader of registrations).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.4.0")
package rt.dicom.rt;
