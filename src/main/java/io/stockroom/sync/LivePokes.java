package io.stockroom.sync;

import io.stockroom.protocol.LiveMessage;

/**
 * What the agent does with the live channel's news: a poke hints the engine at what changed and
 * asks for a light cycle; a socket that opens or goes tells the scheduler, and a cycle finds out at
 * once whether the server itself is back or gone.
 */
final class LivePokes implements LiveChannel.Listener {

  private final SyncEngine engine;
  private final SyncScheduler scheduler;
  private volatile boolean open;

  LivePokes(SyncEngine engine, SyncScheduler scheduler) {
    this.engine = engine;
    this.scheduler = scheduler;
  }

  @Override
  public void changed(LiveMessage poke) {
    engine.hint(poke);
    scheduler.trigger(Trigger.LIVE);
  }

  @Override
  public void connected() {
    open = true;
    scheduler.liveConnected(true);
    if (scheduler.status().state() == SyncStatus.State.OFFLINE) {
      scheduler.trigger(Trigger.CONNECTIVITY);
    }
  }

  @Override
  public void disconnected() {
    scheduler.liveConnected(false);
    if (open) {
      // The socket that was open went: a light cycle finds out at once whether the server is gone
      // (the status bar then says so) or only the socket was closed.
      open = false;
      scheduler.trigger(Trigger.CONNECTIVITY);
    }
  }
}
