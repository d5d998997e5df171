/**
 * DICOM codec: the attribute model ({@link rt.dicom.DicomObject}), a robust reader ({@link rt.dicom.DicomReader}),
 * an Explicit VR Little Endian Part 10 writer ({@link rt.dicom.DicomWriter}), tags, VRs, the data dictionary and
 * UIDs. Plain Java, no third-party DICOM library.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package rt.dicom;
