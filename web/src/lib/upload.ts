/** PUT a file to a presigned URL with progress (fetch cannot report upload progress; XMLHttpRequest can). */
export function uploadWithProgress(
  url: string,
  headers: Record<string, string>,
  file: Blob,
  onProgress: (fraction: number) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', url);
    for (const [k, v] of Object.entries(headers)) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () =>
      xhr.status >= 200 && xhr.status < 300
        ? resolve()
        : reject(new Error(`the upload failed (${xhr.status})`));
    xhr.onerror = () => reject(new Error('the upload failed: the storage could not be reached'));
    xhr.send(file);
  });
}
