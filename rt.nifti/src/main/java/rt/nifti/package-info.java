/**
 * NIfTI-1 (.nii, .nii.gz) read/write and NRRD (.nrrd, .nhdr) read into the {@code rt.api.image} model. NIfTI and
 * NRRD-RAS worlds are converted to DICOM LPS (x and y negated). Stateless, thread-safe.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package rt.nifti;
