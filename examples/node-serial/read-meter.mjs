// Reads a meter through an optical IR head on a serial port and prints each frame as one line
// of JSON as soon as it has arrived: the npm package's frameStream() (SML or D0, detected)
// over the serialport package.
//
//   npm install wattwaechter serialport
//   node read-meter.mjs /dev/ttyUSB0              # SML: 9600 8N1
//   node read-meter.mjs /dev/ttyUSB0 300 even     # D0 mode C: 300 7E1
import { Readable } from "node:stream";
import { SerialPort } from "serialport";
import { frameStream } from "wattwaechter";

const [path = "/dev/ttyUSB0", baud = "9600", parity = "none"] = process.argv.slice(2);
const port = new SerialPort({ path, baudRate: Number(baud), parity, dataBits: parity === "none" ? 8 : 7, stopBits: 1 });

for await (const frame of Readable.toWeb(port).pipeThrough(frameStream())) {
  console.log(JSON.stringify(frame));
}
