package io.stockroom.protocol;

import java.util.List;

public record PushResponse(List<MutationResult> results) {}
