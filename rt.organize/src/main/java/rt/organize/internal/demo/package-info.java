/** The synthetic demo cohort: an analytic body phantom, its CT, structures, plans and analytic doses. */
package rt.organize.internal.demo;
