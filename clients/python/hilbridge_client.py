#!/usr/bin/env python3
"""A hilbridge protobuf-socket client in Python: the cross-language proof of the wire schema.

It connects, says Hello with its subscriptions, prints each stream's rate every second, and (with
--command) acquires the control lease and answers every sample of --command-stream with a Twist command
naming that sample. With --record it writes every frame it received as one JSON object a line, so a test
can compare them with the simulator's own record.

The *_pb2.py modules are generated from proto/ by protoc (Debian: protobuf-compiler, python3-protobuf):

    protoc -I proto/src/main/proto --python_out=/tmp/hb hilbridge/v1/*.proto
    /usr/bin/python3 clients/python/hilbridge_client.py --pb-dir /tmp/hb --port 7447 \
        --subscribe imu --subscribe ground_truth --command

Framing: each message is prefixed with its length as a base-128 varint (protobuf's delimited format).
"""
import argparse
import hashlib
import json
import socket
import struct
import sys
import time


def encode_varint(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


class Connection:
    """Length-delimited protobuf frames over a socket."""

    def __init__(self, host, port, timeout_s):
        self.sock = socket.create_connection((host, port), timeout=timeout_s)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  # small frames must not wait (Nagle)
        self.buf = bytearray()

    def send(self, message):
        body = message.SerializeToString()
        self.sock.sendall(encode_varint(len(body)) + body)

    def _fill(self, n):
        while len(self.buf) < n:
            chunk = self.sock.recv(1 << 20)
            if not chunk:
                return False
            self.buf.extend(chunk)
        return True

    def receive(self, message_type):
        """The next frame parsed as message_type, or None when the server closed the connection."""
        length, shift, i = 0, 0, 0
        while True:
            if not self._fill(i + 1):
                return None
            b = self.buf[i]
            length |= (b & 0x7F) << shift
            shift += 7
            i += 1
            if b < 0x80:
                break
            if i == 5:
                raise ValueError("frame length prefix longer than 5 bytes")
        if not self._fill(i + length):
            return None
        frame = bytes(self.buf[i:i + length])
        del self.buf[:i + length]
        m = message_type()
        m.ParseFromString(frame)
        return m


def header_dict(h):
    return {"stream_id": h.stream_id, "sequence": h.sequence, "capture_sim_nanos": h.capture_sim_nanos,
            "publish_wall_nanos": h.publish_wall_nanos, "frame_id": h.frame_id}


def record_line(frame):
    """One frame as a line of tab-separated key=value pairs, flat (header.x, first_points.0.x), floats in
    repr (the shortest text that reads back as the same double), lists comma-separated."""
    flat = {}

    def put(prefix, v):
        if isinstance(v, dict):
            for k, x in v.items():
                put(prefix + "." + k if prefix else k, x)
        elif isinstance(v, list) and v and isinstance(v[0], dict):
            for i, x in enumerate(v):
                put("%s.%d" % (prefix, i), x)
        elif isinstance(v, list):
            flat[prefix] = ",".join(repr(float(x)) for x in v)
        elif isinstance(v, float):
            flat[prefix] = repr(v)
        else:
            flat[prefix] = str(v)
    put("", frame)
    return "\t".join("%s=%s" % kv for kv in flat.items())


def fields(msg, names):
    return {n: getattr(msg, n) for n in names}


def first_points(pc, layout_fields, count=3):
    """Decodes the first points with the layout the frame carries (sensor_msgs/PointField types)."""
    fmt = {1: "<b", 2: "<B", 3: "<h", 4: "<H", 5: "<i", 6: "<I", 7: "<f", 8: "<d"}
    points = []
    for p in range(min(count, pc.point_count)):
        base = p * pc.point_step_bytes
        points.append({f.name: struct.unpack_from(fmt[f.type], pc.points_le, base + f.offset_bytes)[0] for f in layout_fields})
    return points


# The images of an Image frame (proto/README.md, "Augmented images"): each is on the wire once, so where it
# sits depends on which one is primary. pixels is always the image a stack should use.
IMAGE_SOURCE_AUGMENTED = 2  # hilbridge.v1.ImageSource


def primary_is_augmented(image):
    return image.primary == IMAGE_SOURCE_AUGMENTED


def raw_pixels(image):
    """The raw render."""
    return image.raw_pixels if primary_is_augmented(image) else image.pixels


def augmented_pixels(image):
    """The augmented image; b"" when the frame carries none."""
    if not image.HasField("augmented"):
        return b""
    return image.pixels if primary_is_augmented(image) else image.augmented.pixels


def record_frame(pb, m):
    kind = m.WhichOneof("body")
    if kind == "imu":
        x = m.imu
        return dict(kind=kind, header=header_dict(x.header), **fields(x, [
            "accel_x_mps2", "accel_y_mps2", "accel_z_mps2", "gyro_x_rad_per_s", "gyro_y_rad_per_s", "gyro_z_rad_per_s",
            "accel_variance_mps2_sq", "gyro_variance_rad_per_s_sq"]))
    if kind == "ground_truth":
        x = m.ground_truth
        return dict(kind=kind, header=header_dict(x.header), **fields(x, [
            "x_m", "y_m", "z_m", "qw", "qx", "qy", "qz", "vx_mps", "vy_mps", "vz_mps", "roll_rate_rad_per_s",
            "pitch_rate_rad_per_s", "yaw_rate_body_rad_per_s", "forward_speed_mps", "yaw_rate_rad_per_s",
            "steering_angle_rad", "slip_ratio_front_left", "slip_ratio_front_right", "slip_ratio_rear_left",
            "slip_ratio_rear_right"]))
    if kind == "gnss":
        x = m.gnss
        d = dict(kind=kind, header=header_dict(x.header), **fields(x, [
            "status", "latitude_deg", "longitude_deg", "altitude_m", "covariance_type"]))
        d["position_covariance_m2"] = list(x.position_covariance_m2)
        return d
    if kind == "odometry":
        x = m.odometry
        return dict(kind=kind, header=header_dict(x.header), **fields(x, [
            "child_frame_id", "x_m", "y_m", "yaw_rad", "forward_speed_mps", "yaw_rate_rad_per_s"]))
    if kind == "image":
        x = m.image
        d = dict(kind=kind, header=header_dict(x.header), width_px=x.width_px, height_px=x.height_px,
                 encoding=x.encoding, step_bytes=x.step_bytes, pixels_sha256=hashlib.sha256(x.pixels).hexdigest(),
                 primary="augmented" if primary_is_augmented(x) else "raw",
                 raw_sha256=hashlib.sha256(raw_pixels(x)).hexdigest())
        if x.HasField("augmented"):
            a = x.augmented
            d["augmented_sha256"] = hashlib.sha256(augmented_pixels(x)).hexdigest()
            d["augmented"] = dict(outcome=a.outcome, backend=a.provenance.backend, seed=a.provenance.seed,
                                  parameters=dict(a.provenance.parameters), edge_f1=a.scores.edge_f1,
                                  blur_ssim=a.scores.blur_ssim, boundary_recall=a.scores.boundary_recall)
        return d
    if kind == "point_cloud":
        x = m.point_cloud
        return dict(kind=kind, header=header_dict(x.header), point_count=x.point_count, channels=x.channels,
                    point_step_bytes=x.point_step_bytes, first_points=first_points(x, x.fields))
    if kind == "clock":
        return dict(kind=kind, sim_nanos=m.clock.sim_nanos)
    return dict(kind=kind)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pb-dir", required=True, help="folder holding hilbridge/v1/*_pb2.py (protoc --python_out)")
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=7447)
    ap.add_argument("--name", default="python")
    ap.add_argument("--token", default="")
    ap.add_argument("--subscribe", action="append", default=[], metavar="STREAM[@MAX_HZ]",
                    help="a stream to receive, optionally at most MAX_HZ frames a second (repeatable)")
    ap.add_argument("--command", action="store_true", help="acquire the lease and answer each --command-stream sample")
    ap.add_argument("--command-stream", default="ground_truth")
    ap.add_argument("--speed-mps", type=float, default=3.0)
    ap.add_argument("--yaw-rate-rad-per-s", type=float, default=0.0)
    ap.add_argument("--duration-s", type=float, default=0, help="stop after this long (0: until the server closes)")
    ap.add_argument("--record", help="write each received frame here, one line of key=value pairs each")
    args = ap.parse_args()

    sys.path.insert(0, args.pb_dir)
    from hilbridge.v1 import command_pb2, session_pb2  # generated at run time by protoc

    conn = Connection(args.host, args.port, timeout_s=30)
    hello = session_pb2.ClientMessage()
    hello.hello.client_name = args.name
    hello.hello.protocol_version = session_pb2.PROTOCOL_VERSION_1
    hello.hello.auth_token = args.token
    for s in args.subscribe:
        stream, _, hz = s.partition("@")
        sub = hello.hello.subscriptions.add()
        sub.stream_id = stream
        sub.max_rate_hz = float(hz) if hz else 0.0
    conn.send(hello)
    first = conn.receive(session_pb2.ServerMessage)
    if first is None or first.WhichOneof("body") != "welcome":
        print("no welcome: %s" % first, file=sys.stderr)
        return 2
    catalog = [s.stream_id for s in first.welcome.catalog.streams]
    print("welcome: session %s, streams %s" % (first.welcome.session_id, catalog), flush=True)

    pending = []
    if args.command:
        req = session_pb2.ClientMessage()
        req.lease.action = session_pb2.LeaseRequest.ACTION_ACQUIRE
        conn.send(req)
        while True:
            m = conn.receive(session_pb2.ServerMessage)
            if m is None:
                return 2
            if m.WhichOneof("body") == "lease_reply":
                break
            # Samples sent before the lease reply are answered below, not dropped: a lockstep run waits for the
            # answer to its first sample, which may arrive right after the welcome.
            pending.append(m)
        if not m.lease_reply.held:
            print("lease refused: %s" % m.lease_reply.detail, file=sys.stderr)
            return 2
        print("lease held by %s" % m.lease_reply.holder, flush=True)
    print("READY", flush=True)

    record = open(args.record, "w") if args.record else None
    counts, window_counts, verdicts = {}, {}, {}
    command_id = 0
    window_start = start = time.monotonic()
    conn.sock.settimeout(60)
    try:
        while True:
            m = pending.pop(0) if pending else conn.receive(session_pb2.ServerMessage)
            if m is None:
                break
            kind = m.WhichOneof("body")
            if kind == "error":
                print("server error %s: %s" % (session_pb2.ErrorCode.Name(m.error.code), m.error.message), flush=True)
                if m.error.fatal:
                    break
                continue
            if kind == "command_ack":
                name = command_pb2.Verdict.Name(m.command_ack.verdict)
                verdicts[name] = verdicts.get(name, 0) + 1
                continue
            if kind in ("pong", "stats", "lease_reply"):
                continue
            frame = record_frame(session_pb2, m)
            stream = frame["header"]["stream_id"] if "header" in frame else "clock"
            counts[stream] = counts.get(stream, 0) + 1
            window_counts[stream] = window_counts.get(stream, 0) + 1
            if record:
                record.write(record_line(frame) + "\n")
            if args.command and stream == args.command_stream:
                command_id += 1
                c = session_pb2.ClientMessage()
                c.command.command_id = command_id
                c.command.based_on.stream_id = stream
                c.command.based_on.sequence = frame["header"]["sequence"]
                c.command.sent_wall_nanos = time.time_ns()
                c.command.twist.speed_mps = args.speed_mps
                c.command.twist.yaw_rate_rad_per_s = args.yaw_rate_rad_per_s
                conn.send(c)
            now = time.monotonic()
            if now - window_start >= 1.0:
                rates = ", ".join("%s %.1f Hz" % (k, v / (now - window_start)) for k, v in sorted(window_counts.items()))
                print("rates: " + rates, flush=True)
                window_counts, window_start = {}, now
            if args.duration_s and now - start >= args.duration_s:
                break
    finally:
        if record:
            record.close()
    print("received: " + json.dumps(counts, sort_keys=True), flush=True)
    print("verdicts: " + json.dumps(verdicts, sort_keys=True), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
