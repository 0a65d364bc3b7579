package io.stockroom.app;

/** The in-memory stand-in passes the store's contract. */
class FakeStoreContractTest extends ServicesContract {

  @Override
  protected Services open() {
    return new FakeStore().services();
  }
}
