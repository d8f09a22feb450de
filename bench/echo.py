#!/usr/bin/python3
# echo.py - the lecture's echo server (slide 5) and client (slide 7) as
# one Python program, doing the steps of lessons/03-echo.lesson in the
# same order on 127.0.0.1: what a student would otherwise run. bench/run
# times it beside sockshell. The lecture binds 192.168.0.1:8888; here the
# kernel picks a port on loopback (as sockshell -D PORT=0 does).
import socket

# server: socket, bind, listen
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.bind(('127.0.0.1', 0))
s.listen(1)
# client: socket, connect; server: accept (it returns at once)
c = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
c.connect(s.getsockname())
conn, addr = s.accept()
# client: sendall; server: recv, sendall (the echo)
c.sendall(b'Hello, world!')
data = conn.recv(1024)
conn.sendall(data)
# client: recv, close, print
data = c.recv(1024)
c.close()
print('Полученные данные:', repr(data))
# server: the loop's next recv sees the end of the stream; close
if conn.recv(1024):
    raise SystemExit('expected the end of the stream')
conn.close()
s.close()
