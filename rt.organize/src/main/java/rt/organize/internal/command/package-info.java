/** The {@code rt:demo} Gogo command. */
package rt.organize.internal.command;
