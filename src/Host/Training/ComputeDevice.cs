using DogGan.Contracts.Errors;
using TorchSharp;

namespace DogGan.Host.Training;

/// <summary>Chooses the libtorch device, failing at once when the build cannot provide it.</summary>
internal static class ComputeDevice
{
    public static torch.Device Select(string name)
    {
        if (name == "cpu")
        {
            return torch.CPU;
        }

        if (name == "cuda")
        {
            if (!torch.cuda.is_available())
            {
                throw new DeviceException(
                    "--device cuda: no CUDA backend in this build (it carries libtorch-cpu-linux-x64) or no "
                    + "NVIDIA GPU visible; rebuild on a CUDA machine with "
                    + "dotnet build -p:TorchBackend=libtorch-cuda-12.8-linux-x64, or use --device cpu");
            }

            return torch.CUDA;
        }

        throw new DeviceException($"device '{name}' is not known; choose cpu or cuda");
    }
}
