/** Stage crop_ct: the planning CT cropped along the patient axis to an anatomical region; not exported. */
package rt.crop.internal;
