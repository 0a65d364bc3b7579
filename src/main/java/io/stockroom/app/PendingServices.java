package io.stockroom.app;

import io.stockroom.domain.CatalogService;
import io.stockroom.domain.LocationService;
import io.stockroom.domain.OutboxService;
import io.stockroom.domain.StockService;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * The services of a store that is still opening: the window is built while the database opens, and
 * each call waits for it. Service calls run on worker threads (never on the FX thread), so the wait
 * costs the first query only the part of the opening not yet done.
 */
final class PendingServices {

  private PendingServices() {}

  static Services of(CompletableFuture<Services> ready) {
    return new Services(
        proxy(CatalogService.class, ready, Services::catalog),
        proxy(LocationService.class, ready, Services::locations),
        proxy(StockService.class, ready, Services::stock),
        proxy(OutboxService.class, ready, Services::outbox));
  }

  private static <T> T proxy(
      Class<T> type, CompletableFuture<Services> ready, Function<Services, T> pick) {
    Object proxy =
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (self, method, args) -> {
              if (method.getDeclaringClass() == Object.class) {
                return objectMethod(self, method, args, type);
              }
              T target;
              try {
                target = pick.apply(ready.join());
              } catch (CompletionException e) {
                throw e.getCause() != null ? e.getCause() : e;
              }
              try {
                return method.invoke(target, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
    return type.cast(proxy);
  }

  private static Object objectMethod(Object self, Method method, Object[] args, Class<?> type) {
    return switch (method.getName()) {
      case "equals" -> self == args[0];
      case "hashCode" -> System.identityHashCode(self);
      default -> "pending " + type.getSimpleName();
    };
  }
}
