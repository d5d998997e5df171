package rt.dicom.rt;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import rt.dicom.DicomObject;
import rt.dicom.Tag;
import rt.dicom.Uids;

/** Modules shared by the writers (SOP Common, series, equipment). Package-private. */
final class WriterSupport {

    static final String MANUFACTURER = "RT pipeline";

    private WriterSupport() {
    }

    static String today() {
        return LocalDateTime.now().format(DateTimeFormatter.BASIC_ISO_DATE);
    }

    static String now() {
        return LocalDateTime.now().format(DateTimeFormatter.ofPattern("HHmmss"));
    }

    /**
     * Checks a DA (YYYYMMDD) and TM (HHMMSS, optionally shorter or with a fraction) pair for a writer's
     * {@code creationDateTime} option.
     */
    static void checkDateTime(String date, String time) {
        if (date == null || !date.matches("\\d{8}")) {
            throw new IllegalArgumentException("date must be YYYYMMDD: " + date);
        }
        if (time == null || !time.matches("\\d{2}(\\d{2}(\\d{2}(\\.\\d{1,6})?)?)?")) {
            throw new IllegalArgumentException("time must be HHMMSS[.FFFFFF]: " + time);
        }
    }

    /** SOP Common, patient/study, series and equipment attributes; creation date/time now. */
    static DicomObject base(String sopClassUid, String sopInstanceUid, PatientStudy ps, String modality,
            String seriesInstanceUid, int seriesNumber, String seriesDescription) {
        return base(sopClassUid, sopInstanceUid, ps, modality, seriesInstanceUid, seriesNumber, seriesDescription,
                null, null);
    }

    /**
     * SOP Common, patient/study, series and equipment attributes; Instance Creation Date/Time as given, or now
     * when null.
     */
    static DicomObject base(String sopClassUid, String sopInstanceUid, PatientStudy ps, String modality,
            String seriesInstanceUid, int seriesNumber, String seriesDescription, String creationDate,
            String creationTime) {
        DicomObject ds = new DicomObject();
        ds.putString(Tag.SpecificCharacterSet, "ISO_IR 192");
        ds.putString(Tag.InstanceCreationDate, creationDate != null ? creationDate : today());
        ds.putString(Tag.InstanceCreationTime, creationTime != null ? creationTime : now());
        ds.putString(Tag.SOPClassUID, sopClassUid);
        ds.putString(Tag.SOPInstanceUID, sopInstanceUid);
        ps.applyTo(ds);
        ds.putString(Tag.Modality, modality);
        ds.putString(Tag.SeriesInstanceUID, seriesInstanceUid != null ? seriesInstanceUid : Uids.create());
        ds.putInts(Tag.SeriesNumber, seriesNumber);
        if (seriesDescription != null) {
            ds.putString(Tag.SeriesDescription, seriesDescription);
        }
        ds.putString(Tag.OperatorsName);
        ds.putString(Tag.Manufacturer, MANUFACTURER);
        ds.putString(Tag.ManufacturerModelName, "rt.dicom");
        ds.putString(Tag.SoftwareVersions, Uids.IMPLEMENTATION_VERSION_NAME);
        return ds;
    }
}
