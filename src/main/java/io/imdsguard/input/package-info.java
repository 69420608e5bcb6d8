/**
 * Error messages for the files users give imdsguard (snapshots, configuration, rule test cases):
 * one line, {@code FILE:LINE:COL: reason}, in plain words and with the path of the offending field.
 */
package io.imdsguard.input;
