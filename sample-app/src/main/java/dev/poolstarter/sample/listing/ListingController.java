package dev.poolstarter.sample.listing;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The listings API.
 *
 * @author pool-starter
 */
@RestController
@RequestMapping("/api/listings")
class ListingController {

	private final ListingService listings;

	private final ListingEvents events;

	ListingController(ListingService listings, ListingEvents events) {
		this.listings = listings;
		this.events = events;
	}

	@GetMapping
	ListingPage page(@RequestParam(required = false) @Nullable String city,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
		return this.listings.page(city, page, size);
	}

	@GetMapping("/cities")
	List<CityStatistics> cities(@RequestParam(defaultValue = "0") long delayMs) {
		return this.listings.cities(Duration.ofMillis(delayMs));
	}

	@GetMapping("/{id}")
	ResponseEntity<Listing> find(@PathVariable long id) {
		return ResponseEntity.of(this.listings.find(id));
	}

	@PostMapping
	ResponseEntity<Listing> create(@RequestBody ListingRequest request) {
		Listing listing = this.listings.create(request);
		return ResponseEntity.created(URI.create("/api/listings/" + listing.id())).body(listing);
	}

	@PutMapping("/{id}")
	ResponseEntity<Listing> update(@PathVariable long id, @RequestBody ListingRequest request) {
		return ResponseEntity.of(this.listings.update(id, request));
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(@PathVariable long id) {
		return this.listings.delete(id) ? ResponseEntity.noContent().build() : ResponseEntity.notFound().build();
	}

	@GetMapping("/{id}/events")
	List<ConsumedEvent> events(@PathVariable long id) {
		return this.events.consumed(id);
	}

	@ExceptionHandler(IllegalArgumentException.class)
	ProblemDetail invalid(IllegalArgumentException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
	}

}
