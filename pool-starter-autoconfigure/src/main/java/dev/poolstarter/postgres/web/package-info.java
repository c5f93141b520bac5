/**
 * How Spring MVC answers requests that failed because the database was unavailable.
 */
@NullMarked
package dev.poolstarter.postgres.web;

import org.jspecify.annotations.NullMarked;
