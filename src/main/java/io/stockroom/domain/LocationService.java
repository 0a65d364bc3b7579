package io.stockroom.domain;

import java.util.List;
import java.util.Optional;

/** Bins and shelves of the laptop's current site. */
public interface LocationService {

  /** The site this profile works in; a fresh profile has one local site from its first start. */
  Site currentSite();

  List<Location> list();

  /** Case-insensitive exact match of a bin code in the current site. */
  Optional<Location> findByCode(String code);

  /**
   * @throws ValidationException for an empty or duplicate code
   */
  Location create(String code, String zone, String description);
}
