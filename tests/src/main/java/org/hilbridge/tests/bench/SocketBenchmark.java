package org.hilbridge.tests.bench;

import java.io.DataInputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import org.HdrHistogram.Histogram;
import org.hilbridge.bridge.link.CommandIntake;
import org.hilbridge.bridge.link.SampleRef;
import org.hilbridge.bridge.link.StreamInfo;
import org.hilbridge.bridge.link.Verdict;
import org.hilbridge.bridge.socket.client.SocketClient;
import org.hilbridge.bridge.socket.mapping.SampleEncoder;
import org.hilbridge.bridge.socket.server.CountingAllocator;
import org.hilbridge.bridge.socket.server.SessionStats;
import org.hilbridge.bridge.socket.server.SocketServer;
import org.hilbridge.bridge.socket.server.SocketServerConfig;
import org.hilbridge.hil.scenario.DefaultScenario;
import org.hilbridge.hil.scenario.Scenario;
import org.hilbridge.hil.scenario.ScenarioScene;
import org.hilbridge.proto.v1.TwistControl;
import org.hilbridge.proto.v1.VehicleCommand;
import org.hilbridge.sim.sensor.SensorMount;
import org.hilbridge.sim.sensor.camera.CameraFrame;
import org.hilbridge.sim.sensor.camera.CameraParams;
import org.hilbridge.sim.sensor.camera.CameraSensor;
import org.hilbridge.sim.sensor.imu.ImuSample;
import org.hilbridge.sim.vehicle.Vehicle;

/**
 * The protobuf socket (issue 6) on loopback, server and Java clients in this JVM.
 *
 * <p>IMU-sized frames: the one-way latency from publishing a sample to the client's frame handler, and the
 * closed loop (publish, the client answers with a command naming the sample, the server's ack arrives),
 * p50 and p99, each next to its floor measured in the same run over a plain blocking socket with
 * TCP_NODELAY and the same frame bytes: a one-way send, and an echo.
 *
 * <p>1920x1080 rgb8 at 30 Hz to 4 clients, for {@link #CAMERA_SECONDS} s, once with the pixels copied once
 * per frame into direct memory (socket.direct_pixels = true, the default) and once sent from the
 * renderer's heap array: frames lost, latency p99 against the frame period, throughput against the
 * offered load, CPU per client (the server's I/O threads, and each client's own thread), and the bytes the
 * server's allocator handed out per frame per client against the frame's size (the evidence that pixels
 * are not copied per client).
 */
final class SocketBenchmark implements Benchmark {
    private static final int IMU_WARMUP = 2_000;
    private static final int IMU_SAMPLES = 10_000;
    private static final int CLIENTS = 4;
    private static final double CAMERA_HZ = 30;
    private static final int CAMERA_SECONDS = 5;

    @Override
    public String name() {
        return "socket";
    }

    @Override
    public String description() {
        return "protobuf socket on loopback: IMU latency against a blocking socket, 1080p rgb8 at 30 Hz to 4 clients";
    }

    @Override
    public void run(BenchReport report) throws Exception {
        report.note(String.format("%d processors, load average %s; JDK %s; server and clients in one JVM over loopback",
                Runtime.getRuntime().availableProcessors(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), Runtime.version()));
        imuLatency(report);
        CameraFrame frame = renderFullHd();
        camera(report, frame, true);
        camera(report, frame, false);
    }

    // ---- IMU-sized frames ----

    private static ImuSample imu(long seq) {
        return new ImuSample("imu", seq, seq * 5_000_000L, "imu_link", 0.1, -0.2, 9.81, 0.01, 0.02, 0.03, 1e-4, 1e-6);
    }

    private static List<StreamInfo> imuCatalog() {
        return List.of(new StreamInfo("imu", "imu", 200, "imu_link", SensorMount.atBaseLink(), null, null));
    }

    private void imuLatency(BenchReport report) throws Exception {
        byte[] frameBytes;
        ByteBuf f = new SampleEncoder(PooledByteBufAllocator.DEFAULT, true, false, false).encode(imu(1), System.currentTimeMillis() * 1_000_000L);
        frameBytes = ByteBufUtil.getBytes(f);
        f.release();
        Histogram oneWay = new Histogram(3);
        Histogram loop = new Histogram(3);
        AtomicLong received = new AtomicLong(-1);
        try (SocketServer server = SocketServer.start(SocketServerConfig.defaults().withPort(0).withClientQueueFrames(1024), imuCatalog(), new NoopIntake());
             SocketClient client = SocketClient.builder("127.0.0.1", server.port()).name("bench").subscribe("imu", 0)
                     .onFrame(m -> received.set(m.getImu().getHeader().getSequence())).build()) {
            client.connect().get(10, TimeUnit.SECONDS);
            for (int i = 0; i < IMU_WARMUP + IMU_SAMPLES; i++) {
                long t0 = System.nanoTime();
                server.accept(imu(i));
                while (received.get() != i) {
                    Thread.onSpinWait();
                }
                long t1 = System.nanoTime();
                CompletableFuture<?> ack = client.command(VehicleCommand.newBuilder()
                        .setBasedOn(org.hilbridge.proto.v1.SampleRef.newBuilder().setStreamId("imu").setSequence(i))
                        .setTwist(TwistControl.newBuilder().setSpeedMps(1)));
                while (!ack.isDone()) {
                    Thread.onSpinWait();
                }
                long t2 = System.nanoTime();
                if (i >= IMU_WARMUP) {
                    oneWay.recordValue(t1 - t0);
                    loop.recordValue(t2 - t0);
                }
            }
        }
        Histogram rawOneWay = new Histogram(3);
        Histogram rawEcho = new Histogram(3);
        blockingSocketFloor(frameBytes, rawOneWay, rawEcho);
        report.note(String.format("IMU frame %d bytes; %d samples after %d warm-up", frameBytes.length, IMU_SAMPLES, IMU_WARMUP));
        report.figure(name(), "imu_oneway_p50", oneWay.getValueAtPercentile(50) / 1e3, "us", "blocking_socket_oneway_p50", rawOneWay.getValueAtPercentile(50) / 1e3);
        report.figure(name(), "imu_oneway_p99", oneWay.getValueAtPercentile(99) / 1e3, "us", "blocking_socket_oneway_p99", rawOneWay.getValueAtPercentile(99) / 1e3);
        report.figure(name(), "imu_loop_p50", loop.getValueAtPercentile(50) / 1e3, "us", "blocking_socket_echo_p50", rawEcho.getValueAtPercentile(50) / 1e3);
        report.figure(name(), "imu_loop_p99", loop.getValueAtPercentile(99) / 1e3, "us", "blocking_socket_echo_p99", rawEcho.getValueAtPercentile(99) / 1e3);
    }

    /**
     * The floor: the same bytes over java.net sockets with TCP_NODELAY, blocking reads. One-way: a writer
     * thread sends, this thread reads them whole. Echo: this thread sends, a thread echoes, this reads back.
     */
    private static void blockingSocketFloor(byte[] frame, Histogram oneWay, Histogram echo) throws Exception {
        try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket a = new Socket(InetAddress.getLoopbackAddress(), ss.getLocalPort());
             Socket b = ss.accept()) {
            a.setTcpNoDelay(true);
            b.setTcpNoDelay(true);
            AtomicLongArray go = new AtomicLongArray(1);
            Thread peer = new Thread(() -> {
                try {
                    OutputStream out = b.getOutputStream();
                    DataInputStream in = new DataInputStream(b.getInputStream());
                    byte[] buf = new byte[frame.length];
                    // One-way phase: send when told.
                    for (int i = 0; i < IMU_WARMUP + IMU_SAMPLES; i++) {
                        while (go.get(0) != i + 1) {
                            Thread.onSpinWait();
                        }
                        out.write(frame);
                    }
                    // Echo phase.
                    for (int i = 0; i < IMU_WARMUP + IMU_SAMPLES; i++) {
                        in.readFully(buf);
                        out.write(buf);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "bench-floor");
            peer.setDaemon(true);
            peer.start();
            DataInputStream in = new DataInputStream(a.getInputStream());
            OutputStream out = a.getOutputStream();
            byte[] buf = new byte[frame.length];
            for (int i = 0; i < IMU_WARMUP + IMU_SAMPLES; i++) {
                long t0 = System.nanoTime();
                go.set(0, i + 1);
                in.readFully(buf);
                if (i >= IMU_WARMUP) {
                    oneWay.recordValue(System.nanoTime() - t0);
                }
            }
            for (int i = 0; i < IMU_WARMUP + IMU_SAMPLES; i++) {
                long t0 = System.nanoTime();
                out.write(frame);
                in.readFully(buf);
                if (i >= IMU_WARMUP) {
                    echo.recordValue(System.nanoTime() - t0);
                }
            }
            peer.join(10_000);
        }
    }

    // ---- 1920x1080 at 30 Hz to 4 clients ----

    private static CameraFrame renderFullHd() throws Exception {
        Scenario scenario = DefaultScenario.load(List.of());
        Vehicle vehicle = new Vehicle(scenario.vehicle(), scenario.world());
        double[] route = scenario.routeXyM();
        vehicle.place(route[0], route[1], 0, 0);
        CameraSensor camera = new CameraSensor("front", "front_optical", CAMERA_HZ, new SensorMount(1.0, 0, 1.0, 0, 0, 0),
                CameraParams.fromFieldOfView(1920, 1080, 90), ScenarioScene.build(scenario), Runnable::run, 1);
        return camera.sample(vehicle, 0);
    }

    private void camera(BenchReport report, CameraFrame rendered, boolean directPixels) throws Exception {
        String mode = directPixels ? "direct" : "wrapped";
        int frames = (int) (CAMERA_HZ * CAMERA_SECONDS);
        long frameBytes = rendered.image().rgbData().length;
        CountingAllocator alloc = new CountingAllocator(PooledByteBufAllocator.DEFAULT);
        List<StreamInfo> catalog = List.of(new StreamInfo("front", "camera", CAMERA_HZ, "front_optical", SensorMount.atBaseLink(),
                rendered.cameraInfo(), null));
        long[] publishNanos = new long[frames];
        Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        AtomicLong receivedBytes = new AtomicLong();
        AtomicLong receivedFrames = new AtomicLong();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        SocketServerConfig config = SocketServerConfig.defaults().withPort(0).withCameraChannels(directPixels, false, false);
        List<SocketClient> clients = new ArrayList<>();
        try (SocketServer server = SocketServer.start(config, catalog, new NoopIntake(), alloc)) {
            for (int c = 0; c < CLIENTS; c++) {
                SocketClient client = SocketClient.builder("127.0.0.1", server.port()).name("cam" + c).subscribe("front", 0).onFrame(m -> {
                    long now = System.nanoTime();
                    var img = m.getImage();
                    int seq = (int) img.getHeader().getSequence();
                    synchronized (latency) {
                        latency.recordValue(Math.max(0, now - publishNanos[seq]));
                    }
                    receivedBytes.addAndGet(img.getPixels().size());
                    receivedFrames.incrementAndGet();
                }).build();
                clients.add(client);
                client.connect().get(10, TimeUnit.SECONDS);
            }
            long[] serverIo = threadIds("hilbridge-socket-io");
            long[] clientIo = threadIds("hilbridge-client-cam");
            long serverCpu0 = cpu(threads, serverIo);
            long clientCpu0 = cpu(threads, clientIo);
            long alloc0 = alloc.allocatedBytes();
            long publisher = Thread.currentThread().getId();
            long heap0 = threads.getThreadAllocatedBytes(publisher) + sum(threads.getThreadAllocatedBytes(serverIo));
            long periodNanos = (long) (1e9 / CAMERA_HZ);
            long start = System.nanoTime();
            long publishCpu0 = threads.getThreadCpuTime(publisher);
            for (int i = 0; i < frames; i++) {
                long due = start + i * periodNanos;
                while (System.nanoTime() < due - 200_000) {
                    LockSupport.parkNanos(due - 200_000 - System.nanoTime());
                }
                while (System.nanoTime() < due) {
                    Thread.onSpinWait();
                }
                publishNanos[i] = System.nanoTime();
                server.accept(new CameraFrame("front", i, i * periodNanos, "front_optical", rendered.image(), rendered.cameraInfo()));
            }
            long publishCpu = threads.getThreadCpuTime(publisher) - publishCpu0;
            // Let the clients finish (bounded): every frame arrives or is counted lost.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (receivedFrames.get() + droppedTotal(server) < (long) frames * CLIENTS && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            double wallS = (System.nanoTime() - start) / 1e9;
            long dropped = droppedTotal(server);
            double serverCpuS = (cpu(threads, serverIo) - serverCpu0 + publishCpu) / 1e9;
            double clientCpuS = (cpu(threads, clientIo) - clientCpu0) / 1e9;
            long allocated = alloc.allocatedBytes() - alloc0;
            long heap = threads.getThreadAllocatedBytes(publisher) + sum(threads.getThreadAllocatedBytes(serverIo)) - heap0;
            double offeredMBps = frameBytes * CAMERA_HZ * CLIENTS / 1e6;
            report.note(String.format("1920x1080 rgb8 (%.1f MB a frame), %s pixels: %d frames at %.0f Hz to %d clients in %.1f s; %d received, %d lost",
                    frameBytes / 1e6, mode, frames, CAMERA_HZ, CLIENTS, wallS, receivedFrames.get(), dropped));
            report.figure(name(), "camera_1080p_" + mode + "_frames_lost", dropped, "frames", "frames_sent", (double) frames * CLIENTS);
            report.figure(name(), "camera_1080p_" + mode + "_latency_p99", latency.getValueAtPercentile(99) / 1e6, "ms", "frame_period",
                    periodNanos / 1e6);
            report.figure(name(), "camera_1080p_" + mode + "_latency_p50", latency.getValueAtPercentile(50) / 1e6, "ms", "frame_period",
                    periodNanos / 1e6);
            report.figure(name(), "camera_1080p_" + mode + "_throughput", receivedBytes.get() / 1e6 / (frames / CAMERA_HZ), "MB/s",
                    "offered", offeredMBps);
            report.figure(name(), "camera_1080p_" + mode + "_server_cpu_per_client", 100 * serverCpuS / wallS / CLIENTS, "%core");
            report.figure(name(), "camera_1080p_" + mode + "_client_cpu_per_client", 100 * clientCpuS / wallS / CLIENTS, "%core");
            report.figure(name(), "camera_1080p_" + mode + "_alloc_per_frame_per_client", (double) allocated / frames / CLIENTS, "bytes",
                    "frame_bytes", frameBytes);
            report.figure(name(), "camera_1080p_" + mode + "_heap_alloc_per_frame_per_client", (double) heap / frames / CLIENTS, "bytes",
                    "frame_bytes", frameBytes);
        } finally {
            for (SocketClient c : clients) {
                c.close();
            }
        }
    }

    private static long droppedTotal(SocketServer server) {
        return server.sessionStats().stream().mapToLong(SessionStats::droppedTotal).sum();
    }

    private static long[] threadIds(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith(prefix)).mapToLong(Thread::getId).toArray();
    }

    private static long cpu(com.sun.management.ThreadMXBean threads, long[] ids) {
        long sum = 0;
        for (long id : ids) {
            sum += Math.max(0, threads.getThreadCpuTime(id));
        }
        return sum;
    }

    private static long sum(long[] values) {
        return Arrays.stream(values).filter(v -> v > 0).sum();
    }

    /** Accepts everything: the benchmark measures the transport, not the arbiter. */
    private static final class NoopIntake implements CommandIntake {
        @Override
        public Verdict submit(String source, org.hilbridge.sim.command.VehicleCommand command, SampleRef basedOn) {
            return Verdict.ACCEPTED;
        }

        @Override
        public Verdict submitStamped(String source, org.hilbridge.sim.command.VehicleCommand command, long stampNanos) {
            return Verdict.ACCEPTED;
        }

        @Override
        public Verdict submitUnattributed(String source, org.hilbridge.sim.command.VehicleCommand command) {
            return Verdict.ACCEPTED_UNATTRIBUTED;
        }

        @Override
        public boolean acquireLease(String source) {
            return true;
        }

        @Override
        public boolean renewLease(String source) {
            return true;
        }

        @Override
        public void releaseLease(String source) {
        }

        @Override
        public String leaseHolder() {
            return null;
        }
    }
}
